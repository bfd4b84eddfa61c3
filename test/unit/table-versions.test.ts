// The catalog is kept between messages and checked with one read of its table version (triggers, migration 0008).
// What a customer would notice if that check were wrong: yesterday's price after a change, or a change that was
// rolled back still showing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createProductsRepo } from '../../src/store/products.js';
import { tableVersion, versionedCache } from '../../src/store/table-versions.js';

let handle: DatabaseHandle | undefined;
let dir: string | undefined;
afterEach(() => {
  handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  handle = undefined;
  dir = undefined;
});

const product = (sku: string, priceMinor: number) => ({
  sku,
  nameAr: sku,
  nameEn: sku,
  priceMinor,
  currency: 'EGP',
  stock: 5,
  sortOrder: 0,
});

function setUp(path = ':memory:') {
  handle = openDatabase(path);
  const at = new Date('2026-11-27T10:00:00.000Z');
  createProductsRepo(handle.db).insert(product('HONEY', 25_000), at);
  let loads = 0;
  const prices = versionedCache('products', (db) => {
    loads++;
    return createProductsRepo(db)
      .listVisible()
      .map((p) => `${p.sku} ${p.priceMinor}`);
  });
  return { db: handle.db, sqlite: handle.sqlite, at, prices, loads: () => loads };
}

describe('versionedCache over the products table', () => {
  it('reads the table once while nothing changes, and again after any write to it', () => {
    const { db, sqlite, at, prices, loads } = setUp();
    expect(prices(db)).toEqual(['HONEY 25000']);
    expect(prices(db)).toEqual(['HONEY 25000']);
    expect(loads()).toBe(1);

    sqlite.prepare("UPDATE products SET price_minor = 27500 WHERE sku = 'HONEY'").run();
    expect(prices(db)).toEqual(['HONEY 27500']);
    createProductsRepo(db).insert(product('DATES', 9_000), at);
    expect(prices(db)).toEqual(['HONEY 27500', 'DATES 9000']);
    sqlite.prepare("DELETE FROM products WHERE sku = 'DATES'").run();
    expect(prices(db)).toEqual(['HONEY 27500']);
    expect(loads()).toBe(4);
  });

  it('does not keep what a rolled-back write showed', () => {
    const { db, sqlite, prices } = setUp();
    const before = tableVersion(db, 'products');
    expect(() =>
      inTransaction(db, (tx) => {
        sqlite.prepare("UPDATE products SET price_minor = 1 WHERE sku = 'HONEY'").run();
        expect(prices(tx)).toEqual(['HONEY 1']);
        throw new Error('the seller command failed half-way');
      }),
    ).toThrow('half-way');
    expect(tableVersion(db, 'products')).toBe(before);
    expect(prices(db)).toEqual(['HONEY 25000']);
  });

  it('sees a write made by another process (the catalog import script) on the same file', () => {
    dir = mkdtempSync(join(tmpdir(), 'tijaratk-versions-'));
    const { db, prices } = setUp(join(dir, 'shop.db'));
    expect(prices(db)).toEqual(['HONEY 25000']);
    const other = new Database(join(dir, 'shop.db'));
    other.prepare("UPDATE products SET price_minor = 30000, hidden_at = NULL WHERE sku = 'HONEY'").run();
    other.close();
    expect(prices(db)).toEqual(['HONEY 30000']);
  });

  it('keeps nothing on a database without the version row, rather than serving a stale catalog', () => {
    const { db, sqlite, prices, loads } = setUp();
    sqlite.prepare("DELETE FROM table_versions WHERE name = 'products'").run();
    prices(db);
    prices(db);
    expect(loads()).toBe(2);
  });
});
