import type { Catalogue } from '../types.js';
import type en from '../en/structure.js';

export default {} satisfies Catalogue<typeof en>;
