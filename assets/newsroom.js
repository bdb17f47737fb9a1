// Autosave of drafts in the article editor. The editor is a plain form that saves without this
// script; with it, a draft or an article in review is also saved through the API when a field
// loses focus after a change and every 20 seconds, with the version it was opened at. The form's
// version follows each autosave, so a later Save is not mistaken for a stale one.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  var status = document.getElementById('autosave-status');
  if (!form || !status || !window.fetch) return;
  var id = form.getAttribute('data-autosave');
  var dirty = false;
  var saving = false;
  var stopped = false;

  function field(name) {
    var el = form.elements.namedItem(name);
    return el && 'value' in el ? el : null;
  }
  function value(name) {
    var el = field(name);
    return el ? el.value : '';
  }
  function list(name) {
    return value(name)
      .split(',')
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
  }
  function say(text) {
    status.textContent = text;
  }
  function clock() {
    return new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function save() {
    if (!dirty || saving || stopped) return;
    dirty = false;
    saving = true;
    var body = {
      version: Number(value('version')),
      headline: value('headline'),
      standfirst: value('standfirst'),
      body: value('body'),
      section: value('section'),
      dateline: value('dateline'),
      tags: list('tags'),
      authors: list('authors'),
      related: list('related'),
    };
    if (value('slug').trim()) body.slug = value('slug').trim();
    fetch('/api/v1/articles/' + encodeURIComponent(id), {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (res) {
        return res.json().then(function (json) {
          if (res.ok) {
            field('version').value = String(json.version);
            say('Draft saved automatically at ' + clock() + '.');
          } else if (res.status === 409) {
            // Someone else saved: stop, and let Save show both versions.
            stopped = true;
            say(
              'Not saved automatically: someone else saved a newer version. Press Save to compare.',
            );
          } else {
            dirty = true;
            say('Not saved automatically: ' + (json.error ? json.error.message : res.status));
          }
        });
      })
      .catch(function () {
        dirty = true;
        say('Not saved automatically: the connection failed. Your text is still here.');
      })
      .then(function () {
        saving = false;
      });
  }

  form.addEventListener('input', function () {
    dirty = true;
  });
  form.addEventListener('change', save);
  window.setInterval(save, 20000);
})();
