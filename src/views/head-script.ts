/**
 * The one inline script: it applies the reader's Adjust settings before first paint. It is the
 * same bytes for everyone, so the page stays cacheable and CSP allows it by hash.
 */
export const headScript =
  "(function(){var d=document.documentElement;d.className+=' js';try{var s=JSON.parse(localStorage.getItem('bs-adjust')||'{}');" +
  'for(var k in s){if(/^(size|leading|font|theme|width)$/.test(k)&&/^[a-z0-9-]{1,12}$/.test(s[k]))d.dataset[k]=s[k]}}catch(e){}})()';
