// The moderation queue's keyboard and live notice. Every action is also a plain form button, so
// the queue works without this script; it only adds shortcuts and news of others' decisions.
(function () {
  'use strict';
  var list = document.querySelector('[data-mod-queue]');
  var items = list ? Array.prototype.slice.call(list.querySelectorAll('[data-mod-item]')) : [];

  function currentItem() {
    var el = document.activeElement;
    return el && el.closest ? el.closest('[data-mod-item]') : null;
  }

  function focusItem(item) {
    if (!item) return;
    item.focus();
    if (item.scrollIntoView) item.scrollIntoView({ block: 'nearest' });
  }

  // After an action the page comes back with ?focus=ID: carry on from the same place.
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get('focus');
  if (wanted !== null && items.length) {
    focusItem(document.getElementById('item-' + wanted) || items[0]);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  document.addEventListener('keydown', function (event) {
    if (!items.length || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var item = currentItem();
    var index = item ? items.indexOf(item) : -1;
    if (event.key === 'j') {
      event.preventDefault();
      focusItem(items[Math.min(items.length - 1, index + 1)]);
    } else if (event.key === 'k') {
      event.preventDefault();
      focusItem(items[Math.max(0, index - 1)]);
    } else if (item && (event.key === 'a' || event.key === 'r' || event.key === 'f')) {
      var button = item.querySelector('[data-key="' + event.key + '"]');
      if (!button || !button.form) return;
      event.preventDefault();
      // Approving or rejecting moves on to the next comment; featuring stays on this one.
      var next = event.key === 'f' ? item : items[index + 1] || items[index - 1];
      var back = button.form.querySelector('input[name="back"]');
      if (back && next) {
        var url = new URL(back.value, window.location.href);
        url.searchParams.set('focus', next.getAttribute('data-id'));
        back.value = url.pathname + url.search;
      }
      if (button.form.requestSubmit) button.form.requestSubmit(button);
      else button.click();
    }
  });

  // Live: other moderators' decisions and new comments are announced, never moved under the
  // keyboard; "Refresh" loads the queue again.
  var live = document.querySelector('[data-mod-live]');
  if (!live || !window.EventSource) return;
  // Its words come from the page, in the page's language (#mod-strings).
  var words = { stale: {} };
  try {
    words = JSON.parse(document.getElementById('mod-strings').textContent) || words;
  } catch {
    words = { stale: {} };
  }
  var numbers = null;
  try {
    numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  } catch {
    numbers = null;
  }
  function count(n) {
    return numbers ? numbers.format(n) : String(n);
  }
  var changes = 0;
  var source = new EventSource('/admin/moderation/events');
  source.addEventListener('open', function () {
    live.setAttribute('data-connected', 'true');
  });
  // The tabs' counts follow every change, fetched at most once a second whatever the burst.
  var tabs = document.querySelector('[data-mod-counts]');
  var countsDue = null;
  function refreshCounts() {
    countsDue = null;
    fetch(tabs.getAttribute('data-mod-counts'), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (counts) {
        if (!counts) return;
        Object.keys(counts).forEach(function (tab) {
          var el = tabs.querySelector('[data-mod-count="' + tab + '"]');
          if (el) el.textContent = count(counts[tab]);
        });
      })
      .catch(function () {});
  }
  source.addEventListener('change', function (event) {
    if (tabs && countsDue === null) countsDue = setTimeout(refreshCounts, 1000);
    changes += 1;
    // An item on this page that changed elsewhere is marked where it stands: nothing moves under
    // the highlight, and acting on it still goes through the server, which decides on the
    // comment as it is now.
    var change = null;
    try {
      change = JSON.parse(event.data);
    } catch {
      change = null;
    }
    var item =
      change && change.commentId
        ? document.querySelector('[data-mod-item][data-id="' + CSS.escape(change.commentId) + '"]')
        : null;
    if (item && change.action !== 'reacted') {
      var note = item.querySelector('[data-mod-stale]');
      if (!note) {
        note = document.createElement('p');
        note.className = 'mod-item__stale';
        note.setAttribute('data-mod-stale', '');
        var head = item.querySelector('.mod-item__head');
        item.insertBefore(note, head ? head.nextSibling : item.firstChild);
      }
      note.textContent = words.stale[change.action] || words.stale.changed || '';
      item.classList.add('mod-item--stale');
    }
    live.textContent = '';
    live.appendChild(
      document.createTextNode(
        (changes === 1
          ? words.changedOne
          : String(words.changedMany).replace('{count}', count(changes))) + ' ',
      ),
    );
    var link = document.createElement('a');
    link.href =
      window.location.pathname + window.location.search.replace(/([?&])(done|focus)=[^&]*/g, '$1');
    link.textContent = words.refresh;
    live.appendChild(link);
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
