// Readable numbers (#1001, R-101): allocated inside the transaction that creates the row.
import type { DbOrTx } from '../store/db.js';
import { nextCounter } from '../store/counters.js';

export const FIRST_ORDER_NUMBER = 1001;
export const FIRST_REQUEST_NUMBER = 101;

export const nextOrderNumber = (db: DbOrTx) => nextCounter(db, 'order_number', FIRST_ORDER_NUMBER);
export const nextRequestNumber = (db: DbOrTx) => nextCounter(db, 'request_number', FIRST_REQUEST_NUMBER);
