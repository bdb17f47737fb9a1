// The import page's progress bar. Without this script the page shows the progress it had when
// it was loaded, with a link to load it again; with it, the bar follows the import every second
// and the page reloads to show the report when the import has ended.
(function () {
  'use strict';
  var box = document.querySelector('[data-import-progress]');
  var bar = document.getElementById('import-progress-bar');
  var text = document.getElementById('import-progress-text');
  if (!box || !bar || !text || !window.fetch) return;
  var id = box.getAttribute('data-import-progress');
  function megabytes(bytes) {
    return (bytes / 1000000).toFixed(1) + ' MB';
  }
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
        bar.textContent = pct + '%';
        // The status region is announced: only when the tenth changes, not every second.
        var words =
          pct + '% — ' + megabytes(p.bytesDone) + ' of ' + megabytes(p.bytesTotal) + ' read.';
        if (Math.floor(pct / 10) !== Math.floor((parseInt(text.textContent, 10) || 0) / 10)) {
          text.textContent = words + ' Nothing shows on the site until the whole file is in.';
        }
        setTimeout(poll, 1000);
      })
      .catch(function () {
        setTimeout(poll, 3000);
      });
  }
  setTimeout(poll, 1000);
})();
