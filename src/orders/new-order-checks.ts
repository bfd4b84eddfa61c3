// What happens to every new order, whatever created it (chat, accepted quote, seller's manual
// order): the fraud rules score it, and first-time or risky cash orders need the customer's yes.
import type { DbOrTx } from '../store/db.js';
import type { Order } from '../store/orders.js';
import { codConfirmationNeeded, requireCodConfirmation } from './cod.js';
import { recordRisk, type RiskAssessment } from './fraud.js';
import { readPolicy } from './policy.js';

export function checkNewOrder(db: DbOrTx, order: Order, now: Date): { risk: RiskAssessment; codConfirmation: boolean } {
  const policy = readPolicy(db);
  const risk = recordRisk(db, order, policy, now);
  const codConfirmation = codConfirmationNeeded(db, { ...order, riskLevel: risk.level }, policy);
  if (codConfirmation) requireCodConfirmation(db, order.id);
  return { risk, codConfirmation };
}
