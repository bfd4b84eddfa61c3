// Repos hold nothing but the database handle they were made for. The pipeline asks for them on every
// message; building each anew allocated dozens of closures per message (a measurable share of GC), so
// one is kept per handle. A transaction object (drizzle's `tx`) is its own handle and its repos go with it.
import type { DbOrTx } from './db.js';

export function perHandle<Repo>(create: (db: DbOrTx) => Repo): (db: DbOrTx) => Repo {
  const made = new WeakMap<DbOrTx, Repo>();
  return (db) => {
    let repo = made.get(db);
    if (repo === undefined) {
      repo = create(db);
      made.set(db, repo);
    }
    return repo;
  };
}
