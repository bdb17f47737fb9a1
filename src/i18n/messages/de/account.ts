import type { Catalogue } from '../types.js';
import type en from '../en/account.js';

export default {} satisfies Catalogue<typeof en>;
