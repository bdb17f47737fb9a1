import type { Catalogue } from '../types.js';
import type en from '../en/reader.js';

export default {} satisfies Catalogue<typeof en>;
