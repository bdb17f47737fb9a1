import type { Catalogue } from '../types.js';
import type en from '../en/admin.js';

export default {} satisfies Catalogue<typeof en>;
