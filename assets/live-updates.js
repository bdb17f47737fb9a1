// Live coverage (docs/live-coverage.md). Without this file the page is complete and a refresh
// brings it up to date; with it, updates posted after the page was drawn are announced by a
// button, "Show N new updates", and inserted when the reader asks. Edits and removals apply in
// place, and nothing the reader is looking at moves: every change above it is made up for by
// scrolling by the same height. The reader's order (newest or oldest first) is remembered.
//
// The script holds no words and draws no update: `data-texts` carries the words in the page's
// language, and each event carries the update's markup as the server draws it on the page.
(function () {
  'use strict';
  var section = document.querySelector('section[data-live-updates]');
  if (!section) return;
  var orderKey = 'bs-live-order';
  var order = section.getAttribute('data-order');
  var first = section.getAttribute('data-first') === '1';

  // The order is remembered like the Adjust settings: in this browser, for every live page.
  section.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-live-order]');
    if (!link) return;
    try {
      localStorage.setItem(orderKey, link.getAttribute('data-live-order'));
    } catch {
      // Storage or a malformed event: carry on without it.
    }
  });
  var remembered = null;
  try {
    remembered = localStorage.getItem(orderKey);
  } catch {
    // Storage or a malformed event: carry on without it.
  }
  if (
    remembered === 'oldest' &&
    order === 'newest' &&
    first &&
    !/[?&]live_/.test(location.search)
  ) {
    location.replace(location.pathname + '?live_order=oldest' + location.hash);
    return;
  }

  if (typeof window.EventSource !== 'function') return;
  var texts;
  try {
    texts = JSON.parse(section.getAttribute('data-texts') || '');
  } catch {
    return;
  }
  var plurals = new Intl.PluralRules(texts.locale);
  var numbers = new Intl.NumberFormat(texts.locale);
  var articleId = section.getAttribute('data-article-id');
  var since = section.getAttribute('data-seq');
  var region = section.querySelector('[data-live-new]');
  // New updates are inserted only where they belong on this page: at the top of the first page
  // newest first, or at the end of the last page oldest first.
  var atEnd = order === 'oldest' && !section.querySelector('.live-more');
  var takesNew = (order === 'newest' && first) || atEnd;
  var pending = [];
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button live-new__button';
  button.hidden = true;
  region.appendChild(button);

  function counted(templates, n) {
    var text = templates[plurals.select(n)] || templates.other || '';
    return text.split('{n}').join(numbers.format(n));
  }

  function list() {
    var ol = section.querySelector('[data-live-list]');
    if (ol) return ol;
    ol = document.createElement('ol');
    ol.className = 'live-updates';
    ol.setAttribute('data-live-list', '');
    var empty = section.querySelector('[data-live-empty]');
    if (empty) empty.replaceWith(ol);
    else region.after(ol);
    return ol;
  }

  /** Runs a change without moving what is on screen: the first update in view stays put. */
  function keepingPlace(change) {
    var items = section.querySelectorAll('[data-live-list] > li');
    var anchor = null;
    for (var i = 0; i < items.length; i++) {
      if (items[i].getBoundingClientRect().bottom > 0) {
        anchor = items[i];
        break;
      }
    }
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      var moved = anchor.getBoundingClientRect().top - before;
      if (moved !== 0) window.scrollBy(0, moved);
    }
  }

  function itemOf(html) {
    var li = document.createElement('li');
    li.innerHTML = html;
    return li;
  }

  function showButton() {
    if (pending.length === 0) {
      button.hidden = true;
      button.textContent = '';
    } else {
      button.textContent = counted(texts.show, pending.length);
      button.hidden = false;
    }
  }

  function setCount(n) {
    var span = section.querySelector('[data-live-count]');
    if (!span || typeof n !== 'number') return;
    span.textContent = n === 0 ? texts.countNone : counted(texts.count, n);
  }

  function keyList() {
    var nav = section.querySelector('.live-key-events');
    if (nav) return nav.querySelector('ol');
    nav = document.createElement('nav');
    nav.className = 'live-key-events';
    nav.setAttribute('aria-labelledby', 'key-events-heading');
    var heading = document.createElement('h3');
    heading.id = 'key-events-heading';
    heading.textContent = texts.keyEvents;
    var ol = document.createElement('ol');
    nav.appendChild(heading);
    nav.appendChild(ol);
    var status = section.querySelector('.live__status, .live__ended');
    if (status) status.after(nav);
    else section.querySelector('.live__heading').after(nav);
    return ol;
  }

  function dropKey(id) {
    var old = section.querySelector('.live-key-events li[data-key-id="' + id + '"]');
    if (!old) return;
    var ol = old.parentNode;
    old.remove();
    if (!ol.querySelector('li')) ol.closest('nav').remove();
  }

  /** The key events summary follows an update: it joins (in time order), changes or leaves. */
  function keyed(data) {
    var id = data.update.id;
    if (!data.key) {
      dropKey(id);
      return;
    }
    keepingPlace(function () {
      var holder = document.createElement('ol');
      holder.innerHTML = data.key;
      var li = holder.querySelector('li');
      if (!li) return;
      // On this page, the summary links to the update's anchor rather than its own page.
      if (document.getElementById('update-' + id)) {
        li.querySelector('a').setAttribute('href', '#update-' + id);
      }
      var old = section.querySelector('.live-key-events li[data-key-id="' + id + '"]');
      if (old) {
        old.replaceWith(li);
        return;
      }
      var ol = keyList();
      var at = data.update.postedAt;
      var later = null;
      var entries = ol.querySelectorAll('li');
      for (var i = 0; i < entries.length; i++) {
        var time = entries[i].querySelector('time');
        if (time && time.getAttribute('datetime') > at) {
          later = entries[i];
          break;
        }
      }
      ol.insertBefore(li, later);
    });
  }

  button.addEventListener('click', function () {
    var ol = list();
    var items = pending.splice(0);
    var firstNew = null;
    // Pending updates arrived oldest first; newest first puts the latest on top.
    items.forEach(function (data) {
      var li = itemOf(data.html);
      ol.insertBefore(li, ol.firstChild);
      firstNew = li;
      keyed(data);
    });
    showButton();
    var shown = firstNew && firstNew.querySelector('article');
    if (shown) {
      shown.setAttribute('tabindex', '-1');
      shown.focus();
    }
  });

  function received(data) {
    var id = data.update.id;
    setCount(data.count);
    var existing = document.getElementById('update-' + id);
    if (existing) {
      keepingPlace(function () {
        existing.closest('li').replaceWith(itemOf(data.html));
      });
      keyed(data);
      return;
    }
    for (var i = 0; i < pending.length; i++) {
      if (pending[i].update.id === id) {
        pending[i] = data;
        return;
      }
    }
    if (takesNew && atEnd) {
      keepingPlace(function () {
        list().appendChild(itemOf(data.html));
      });
    } else if (takesNew) {
      // Its key event joins the summary when the reader shows it.
      pending.push(data);
      showButton();
      return;
    }
    keyed(data);
  }

  function removed(id, count) {
    setCount(count);
    pending = pending.filter(function (p) {
      return p.update.id !== id;
    });
    showButton();
    var existing = document.getElementById('update-' + id);
    if (existing) {
      keepingPlace(function () {
        existing.closest('li').remove();
      });
    }
    dropKey(id);
  }

  var source = new EventSource(
    '/api/v1/articles/' + encodeURIComponent(articleId) + '/updates/live?since=' + since,
  );
  // Tests (and styles) can tell when the page is live.
  source.addEventListener('open', function () {
    section.setAttribute('data-connected', '');
  });
  source.addEventListener('update', function (event) {
    try {
      received(JSON.parse(event.data));
    } catch {
      // Storage or a malformed event: carry on without it.
    }
  });
  source.addEventListener('removed', function (event) {
    try {
      var data = JSON.parse(event.data);
      removed(data.id, data.count);
    } catch {
      // Storage or a malformed event: carry on without it.
    }
  });
})();
