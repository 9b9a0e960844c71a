import { Router } from 'express';
import { principalOf } from '../../audit/request-context';

/** The reader's first page, by role. */
export function homePage(): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    const role = principalOf(res).role;
    const home = role === 'prosecutor' ? 'queries' : role === 'centre' ? 'cases' : 'inbox';
    res.redirect(303, `/workspace/${home}`);
  });
  return r;
}
