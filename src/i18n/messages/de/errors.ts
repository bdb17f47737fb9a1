import type { Catalogue } from '../types.js';
import type en from '../en/errors.js';

export default {} satisfies Catalogue<typeof en>;
