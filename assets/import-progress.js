// The import page's progress bar. Without this script the page shows the progress it had when
// it was loaded, with a link to load it again; with it, the bar follows the import every second
// and the page reloads to show the report when the import has ended. Its words come from the
// page (data-words-*, in the page's language), with {percent}, {done}, {total}, {size} to fill.
(function () {
  'use strict';
  var box = document.querySelector('[data-import-progress]');
  var bar = document.getElementById('import-progress-bar');
  var text = document.getElementById('import-progress-text');
  if (!box || !bar || !text || !window.fetch) return;
  var id = box.getAttribute('data-import-progress');
  var words = {
    read: box.getAttribute('data-words-read') || '',
    percent: box.getAttribute('data-words-percent') || '',
    megabytes: box.getAttribute('data-words-megabytes') || '',
  };
  var decimal = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }
  function megabytes(bytes) {
    return fill(words.megabytes, { size: decimal.format(bytes / 1000000) });
  }
  var shown = parseInt(text.getAttribute('data-percent') || '0', 10) || 0;
  function poll() {
    fetch('/admin/import/' + encodeURIComponent(id) + '/progress', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (p) {
        if (!p) return setTimeout(poll, 3000);
        if (p.status !== 'running') return window.location.reload();
        var pct = p.bytesTotal > 0 ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 100;
        bar.max = p.bytesTotal;
        bar.value = p.bytesDone;
        bar.textContent = fill(words.percent, { percent: pct });
        // The status region is announced: only when the tenth changes, not every second.
        if (Math.floor(pct / 10) !== Math.floor(shown / 10)) {
          shown = pct;
          text.textContent = fill(words.read, {
            percent: pct,
            done: megabytes(p.bytesDone),
            total: megabytes(p.bytesTotal),
          });
        }
        setTimeout(poll, 1000);
      })
      .catch(function () {
        setTimeout(poll, 3000);
      });
  }
  setTimeout(poll, 1000);
})();
