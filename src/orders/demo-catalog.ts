// A small demo catalog for the simulator, added only when the catalog is empty.
import type { Db } from '../store/db.js';
import { createProductsRepo, type NewProduct } from '../store/products.js';
import { updatePolicy } from './policy.js';

const DEMO: Omit<NewProduct, 'currency'>[] = [
  { sku: 'HONEY-1KG', nameAr: 'عسل نحل طبيعي ١ كجم', nameEn: 'Natural honey 1 kg', descriptionAr: 'عسل زهور مصري', descriptionEn: 'Egyptian wildflower honey', priceMinor: 25_000, stock: 20, sortOrder: 1 },
  { sku: 'DATES-500', nameAr: 'تمر سيوي ٥٠٠ جم', nameEn: 'Siwa dates 500 g', descriptionAr: null, descriptionEn: null, priceMinor: 9_000, stock: 40, sortOrder: 2 },
  { sku: 'OLIVE-OIL', nameAr: 'زيت زيتون بكر ٧٥٠ مل', nameEn: 'Extra virgin olive oil 750 ml', descriptionAr: null, descriptionEn: null, priceMinor: 32_050, stock: 12, sortOrder: 3 },
  { sku: 'SOAP-3', nameAr: 'صابون بزيت الزيتون (٣ قطع)', nameEn: 'Olive oil soap (3 bars)', descriptionAr: null, descriptionEn: null, priceMinor: 12_000, stock: 30, sortOrder: 4 },
  { sku: 'TEA-BOX', nameAr: 'شاي بالنعناع', nameEn: 'Mint tea box', descriptionAr: null, descriptionEn: null, priceMinor: 6_500, stock: 0, sortOrder: 5 },
];

export const DEMO_DELIVERY_FEE_MINOR = 3_000;

/** Returns how many products were added (0 when the catalog already had some). */
export function seedDemoCatalog(db: Db, currency: string, now: Date): number {
  return db.transaction((tx) => {
    const products = createProductsRepo(tx);
    if (products.count() > 0) return 0;
    for (const product of DEMO) products.insert({ ...product, currency }, now);
    updatePolicy(tx, { deliveryFeeMinor: DEMO_DELIVERY_FEE_MINOR }, now);
    return DEMO.length;
  });
}
