// Autosave of drafts in the article editor. The editor is a plain form that saves without this
// script; with it, a draft or an article in review is also saved through the API when a field
// loses focus after a change and every 20 seconds, with the version it was opened at. The form's
// version follows each autosave, so a later Save is not mistaken for a stale one.
//
// Every sentence the script says comes from the page (`#newsroom-text`, written in the page's
// language from the catalogue), with `{name}` where a value goes.
var newsroomMessages = (function () {
  'use strict';
  var block = document.getElementById('newsroom-text');
  try {
    return block ? JSON.parse(block.textContent) : {};
  } catch (error) {
    return { error: String(error) };
  }
})();
function newsroomText(key, values) {
  'use strict';
  var message = newsroomMessages[key];
  if (typeof message !== 'string') return '';
  return message.replace(/\{(\w+)\}/g, function (all, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name)
      ? String(values[name])
      : all;
  });
}
/** "3 published articles match.", for each number of results the search can give. */
function newsroomMatches(count) {
  'use strict';
  var list = newsroomMessages.matches || [];
  return list[Math.min(count, list.length - 1)] || '';
}
var newsroomLang = document.documentElement.lang || undefined;

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
    return new Date().toLocaleTimeString(newsroomLang, { hour: '2-digit', minute: '2-digit' });
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
            say(newsroomText('saved', { time: clock() }));
          } else if (res.status === 409) {
            // Someone else saved: stop, and let Save show both versions.
            stopped = true;
            say(newsroomText('conflict'));
          } else {
            dirty = true;
            say(newsroomText('refused', { reason: json.error ? json.error.message : res.status }));
          }
        });
      })
      .catch(function () {
        dirty = true;
        say(newsroomText('offline'));
      })
      .then(function () {
        saving = false;
        if (waiting) {
          // A Save pressed while this autosave was on its way goes now, with the new version.
          var submitter = waiting.submitter;
          waiting = null;
          if (form.requestSubmit) form.requestSubmit(submitter || undefined);
          else form.submit();
        }
      });
  }

  // Pressing a button blurs the field, which starts an autosave: the form then waits for it, so
  // it is not sent with the version the autosave is about to move past.
  var waiting = null;
  form.addEventListener('submit', function (event) {
    if (saving) {
      event.preventDefault();
      waiting = { submitter: event.submitter };
      return;
    }
    stopped = true;
  });

  form.addEventListener('input', function () {
    dirty = true;
  });
  form.addEventListener('change', save);
  window.setInterval(save, 20000);
})();

// The related-stories picker. Without this script its buttons submit the editor's form, which
// comes back with the picks changed and nothing saved. With it, the same buttons work in place:
// search through the search API, add, move and remove, each announced in the status region.
(function () {
  'use strict';
  var picker = document.getElementById('related-picker');
  var query = document.getElementById('related-q');
  if (!picker || !query || !window.fetch) return;
  var hidden = picker.querySelector('input[name="related"]');
  var chosen = picker.querySelector('.related-picker__chosen');
  var none = picker.querySelector('.related-picker__none');
  var heading = document.getElementById('related-chosen-heading');
  var results = document.getElementById('related-results');
  var status = document.getElementById('related-status');
  var self = picker.getAttribute('data-self') || '';
  var max = 10;

  function say(text) {
    status.textContent = text;
  }
  function items(list) {
    return Array.prototype.map.call(list.children, function (li) {
      return {
        slug: li.getAttribute('data-slug'),
        headline: li.getAttribute('data-headline'),
        meta: li.querySelector('.related-picker__meta').innerHTML,
      };
    });
  }
  function button(intent, text, headline, kind) {
    var b = document.createElement('button');
    b.type = 'submit';
    b.name = 'intent';
    b.value = intent;
    b.className = 'button button--small' + (kind ? ' button--' + kind : '');
    b.textContent = text;
    var hiddenText = document.createElement('span');
    hiddenText.className = 'visually-hidden';
    hiddenText.textContent = ' ' + newsroomText('quoted', { headline: headline });
    b.appendChild(hiddenText);
    return b;
  }
  function item(story, buttons) {
    var li = document.createElement('li');
    li.setAttribute('data-slug', story.slug);
    li.setAttribute('data-headline', story.headline);
    var h = document.createElement('span');
    h.className = 'related-picker__headline';
    h.textContent = story.headline;
    var meta = document.createElement('span');
    meta.className = 'related-picker__meta';
    meta.innerHTML = story.meta; // our own markup, escaped when it was made
    var box = document.createElement('span');
    box.className = 'related-picker__buttons';
    buttons.forEach(function (b) {
      box.appendChild(b);
    });
    li.appendChild(h);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(meta);
    li.appendChild(box);
    return li;
  }
  function escape(text) {
    var span = document.createElement('span');
    span.textContent = text;
    return span.innerHTML;
  }

  // Shows the picks, keeps the hidden field in step, and tells autosave the form changed.
  function show(list, focusIntents) {
    chosen.textContent = '';
    list.forEach(function (s, i) {
      var buttons = [];
      if (i > 0) {
        buttons.push(button('related-up:' + i, newsroomText('up'), s.headline, 'secondary'));
      }
      if (i < list.length - 1) {
        buttons.push(button('related-down:' + i, newsroomText('down'), s.headline, 'secondary'));
      }
      buttons.push(button('related-remove:' + i, newsroomText('remove'), s.headline, 'danger'));
      chosen.appendChild(item(s, buttons));
    });
    none.hidden = list.length > 0;
    heading.textContent = newsroomText('chosen', { count: list.length });
    hidden.value = list
      .map(function (s) {
        return s.slug;
      })
      .join(', ');
    hidden.dispatchEvent(new Event('input', { bubbles: true }));
    hidden.dispatchEvent(new Event('change', { bubbles: true }));
    var target = null;
    (focusIntents || []).forEach(function (intent) {
      target = target || picker.querySelector('button[value="' + intent + '"]');
    });
    (target || query).focus();
  }

  function search() {
    var q = query.value.trim();
    if (!q) {
      say(newsroomText('typeWords'));
      return;
    }
    say(newsroomText('searching'));
    fetch('/api/v1/search?limit=12&q=' + encodeURIComponent(q), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (json) {
        var taken = items(chosen).map(function (s) {
          return s.slug;
        });
        var found = json.items.filter(function (a) {
          return a.slug !== self && taken.indexOf(a.slug) < 0;
        });
        results.textContent = '';
        found.forEach(function (a) {
          var story = {
            slug: a.slug,
            headline: a.headline,
            meta:
              escape(a.section.name) +
              (a.publishedAt
                ? ' · <time datetime="' +
                  escape(a.publishedAt) +
                  '">' +
                  escape(
                    new Date(a.publishedAt).toLocaleDateString(newsroomLang, {
                      weekday: 'long',
                      day: 'numeric',
                      month: 'long',
                      year: 'numeric',
                      timeZone: picker.getAttribute('data-time-zone') || 'UTC',
                    }),
                  ) +
                  '</time>'
                : ''),
          };
          results.appendChild(
            item(story, [button('related-add:' + a.slug, newsroomText('add'), a.headline)]),
          );
        });
        results.hidden = found.length === 0;
        say(found.length === 0 ? newsroomText('noMatch') : newsroomMatches(found.length));
      })
      .catch(function () {
        say(newsroomText('failed'));
      });
  }

  picker.addEventListener('click', function (event) {
    var b = event.target.closest ? event.target.closest('button[name="intent"]') : null;
    if (!b || !picker.contains(b)) return;
    var m = /^related-(search|add|remove|up|down)(?::(.+))?$/.exec(b.value);
    if (!m) return;
    event.preventDefault();
    var list = items(chosen);
    if (m[1] === 'search') return search();
    if (m[1] === 'add') {
      if (list.length >= max) return say(newsroomText('atMost'));
      var li = b.closest('li');
      var story = items(results).filter(function (s) {
        return s.slug === m[2];
      })[0];
      var next = li.nextElementSibling || li.previousElementSibling;
      results.removeChild(li);
      results.hidden = results.children.length === 0;
      list.push(story);
      show(list);
      var add = next && next.querySelector('button');
      if (add) add.focus();
      return say(
        newsroomText('added', {
          headline: story.headline,
          position: list.length,
          count: list.length,
        }),
      );
    }
    var i = Number(m[2]);
    var s = list[i];
    if (!s) return;
    if (m[1] === 'remove') {
      list.splice(i, 1);
      show(list, ['related-remove:' + Math.min(i, list.length - 1)]);
      return say(newsroomText('removed', { headline: s.headline }));
    }
    var to = m[1] === 'up' ? i - 1 : i + 1;
    if (to < 0 || to >= list.length) return;
    list[i] = list[to];
    list[to] = s;
    // The focus stays with the story that moved: the same button, or the other way at an end.
    show(list, [
      'related-' + m[1] + ':' + to,
      'related-' + (m[1] === 'up' ? 'down' : 'up') + ':' + to,
    ]);
    say(newsroomText('moved', { headline: s.headline, position: to + 1, count: list.length }));
  });

  query.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  });
})();

// Live preview: once Preview has been pressed, the preview follows the text as it is typed (a
// moment after typing stops), rendered by the server exactly as the Preview button renders it.
(function () {
  'use strict';
  var form = document.querySelector('form.article-form');
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var shown = ['headline', 'standfirst', 'body', 'section', 'dateline', 'authors'];
  var timer = null;
  var latest = 0;

  function refresh() {
    var data = new URLSearchParams(new FormData(form));
    data.set('intent', 'preview');
    var mine = ++latest;
    fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: data.toString(),
    })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (text) {
        if (!text || mine !== latest) return;
        var fresh = new DOMParser().parseFromString(text, 'text/html').querySelector('.preview');
        var old = document.querySelector('.preview');
        if (fresh && old) old.replaceWith(document.importNode(fresh, true));
      })
      .catch(function () {
        // The Preview button still works.
      });
  }

  form.addEventListener('input', function (event) {
    var name = event.target && event.target.name;
    if (shown.indexOf(name) < 0 || !document.querySelector('.preview')) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();

// The schedule form takes the site's local time. When the editor's own zone is another, the time
// typed is also shown in theirs, as they type it (without this script the site's zone alone).
(function () {
  'use strict';
  var input = document.getElementById('publish-at');
  var note = document.getElementById('publish-at-browser');
  if (!input || !note || !window.Intl) return;
  var siteZone = note.getAttribute('data-site-zone');
  var ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!siteZone || !ownZone || ownZone === siteZone) return;
  // i18n-ignore: numbers only, read back as numbers, in the same order whatever the language
  var parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: siteZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  var own = new Intl.DateTimeFormat(newsroomLang, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });

  // The wall clock in the site's zone at an instant, read as if it were UTC.
  function wallAt(ms) {
    var p = {};
    parts.formatToParts(ms).forEach(function (x) {
      p[x.type] = Number(x.value);
    });
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  // The instant a local time names (the server decides when the clocks make it unclear).
  function instantOf(wall) {
    var guess = wall;
    for (var i = 0; i < 3; i++) guess = wall - (wallAt(guess) - guess);
    return guess;
  }
  function update() {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(input.value);
    if (!m) {
      note.textContent = newsroomText('ownZone', { zone: ownZone });
    } else {
      var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
      // Some languages join the date and the time with a word ("at", "um"): a comma reads alike.
      var time = own
        .formatToParts(instantOf(wall))
        .map(function (part) {
          return part.type === 'literal' && /[A-Za-z\u00c0-\u024f]/.test(part.value)
            ? ', '
            : part.value;
        })
        .join('');
      note.textContent = newsroomText('inOwnZone', { zone: ownZone, time: time });
    }
    note.hidden = false;
  }
  input.addEventListener('input', update);
  update();
})();
