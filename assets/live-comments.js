// Live comments (docs/live.md). Without this file the page is complete; with it, comments
// written after the page was rendered are announced by a button, "N new comments", and shown
// when the reader asks. Nothing already on the page moves while someone reads it.
//
// The script holds no words and draws no comment: the section's `data-texts` carries every
// text in the page's language (counted ones by plural category, `{n}` for the number), and a
// new comment is the server's own markup for this reader (/comments/ID/fragment: Like, Reply,
// Edit, Delete and Report as on the page, with the session's CSRF token).
(function () {
  'use strict';
  var section = document.querySelector('section[data-live]');
  if (!section || typeof window.EventSource !== 'function' || !window.fetch) return;
  var texts;
  try {
    texts = JSON.parse(section.getAttribute('data-texts') || '');
  } catch {
    return;
  }

  var pending = []; // comments waiting behind the button, in arrival order: { id, parentId, depth }
  var gone = {}; // ids removed while their markup was being fetched
  var near = typeof window.IntersectionObserver !== 'function';
  var busy = false;
  var plurals = new Intl.PluralRules(texts.locale);
  var numbers = new Intl.NumberFormat(texts.locale);
  /** Replies nest under their parent to this depth; deeper ones follow flat (comment.ts). */
  var maxVisualDepth = 4;

  function counted(templates, n) {
    var text = templates[plurals.select(n)] || templates.other || '';
    return text.split('{n}').join(numbers.format(n));
  }

  // The polite live region exists from the start (empty), so that screen readers announce the
  // button's text when it appears. It sits at the end of the section and is shown fixed at the
  // foot of the window, so it never pushes anything.
  var region = document.createElement('div');
  region.className = 'live-comments';
  region.setAttribute('role', 'status');
  section.appendChild(region);
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button live-comments__button';
  button.hidden = true;
  region.appendChild(button);

  /**
   * The button shows only while the comments fill the foot of the window, where it floats: it
   * never covers the article the reader is still reading.
   */
  if (!near) {
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    new IntersectionObserver(
      function (entries) {
        near = entries[entries.length - 1].isIntersecting;
        showButton();
      },
      { rootMargin: '0px 0px -' + Math.round(rem * 6) + 'px 0px' },
    ).observe(section);
  }

  function showButton() {
    if (pending.length === 0 || !near || busy) {
      button.hidden = true;
      button.textContent = '';
    } else {
      button.textContent = counted(texts.show, pending.length);
      button.hidden = false;
    }
    showEmpty();
  }

  /** With no comment on screen, the empty state says what is waiting (the heading counts it). */
  function showEmpty() {
    var empty = section.querySelector('p.empty');
    if (!empty) return;
    empty.textContent = pending.length ? counted(texts.waiting, pending.length) : texts.empty;
  }

  function setCount(n) {
    if (typeof n !== 'number') return;
    var total = section.querySelector('.comment-total');
    if (total) total.textContent = counted(texts.total, n);
    var tool = document.querySelector('.toolbar a[href="#comments"]');
    if (!tool) return;
    var badge = tool.querySelector('.badge');
    if (badge) badge.textContent = numbers.format(n);
    var spoken = tool.querySelector('.visually-hidden');
    if (spoken) spoken.textContent = counted(texts.toolbar, n);
  }

  /**
   * Runs `change` and then scrolls by however much it moved the first thing in view, so the
   * reader's place stays where it was.
   */
  function keepingPlace(change) {
    var anchor = null;
    var items = document.querySelectorAll('main p, main li, main h2, main h3, main figure');
    for (var i = 0; i < items.length; i++) {
      var top = items[i].getBoundingClientRect().top;
      if (top >= 0) {
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

  function anchorId(id) {
    return 'comment-' + id;
  }

  /** The server's markup of one comment for this reader, or null when it is not public now. */
  function fragment(id) {
    var sort = section.getAttribute('data-live-sort') || 'oldest';
    var url = '/comments/' + encodeURIComponent(id) + '/fragment?sort=' + encodeURIComponent(sort);
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 404) return null;
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (text) {
        if (text === null) return null;
        var template = document.createElement('template');
        template.innerHTML = text;
        return template.content.querySelector('li.comment');
      });
  }

  function threadList() {
    var list = section.querySelector('ol.comment-thread');
    if (list) return list;
    list = document.createElement('ol');
    list.className = 'comment-thread';
    list.setAttribute('data-comment-list', '');
    var empty = section.querySelector('p.empty');
    if (empty) empty.replaceWith(list);
    else section.querySelector('h2').after(list);
    return list;
  }

  /** Puts a comment where the server would have: under its parent, or at the thread's end. */
  function insert(comment, li) {
    if (document.getElementById(anchorId(comment.id))) return null;
    li.classList.add('comment--new');
    li.tabIndex = -1;
    var parent = comment.parentId ? document.getElementById(anchorId(comment.parentId)) : null;
    if (parent && comment.depth <= maxVisualDepth) {
      var replies = parent.querySelector(':scope > ol.comment-replies');
      if (!replies) {
        replies = document.createElement('ol');
        replies.className = 'comment-replies';
        var more = parent.querySelector(':scope > .comment-more-replies');
        if (more) parent.insertBefore(replies, more);
        else parent.appendChild(replies);
      }
      replies.appendChild(li);
    } else if (parent) {
      // Deeper than the indented levels: flat, in the list of the parent, saying whom it answers.
      parent.parentNode.appendChild(li);
    } else {
      var list = threadList();
      // Newest first puts new comments at the top; every other order ends with them.
      if (section.getAttribute('data-live-sort') === 'newest') list.prepend(li);
      else list.appendChild(li);
    }
    return li;
  }

  function replaceBody(li, comment) {
    var body = li.querySelector(':scope > .comment__card > .comment__body');
    if (body) body.innerHTML = comment.html;
  }

  function remove(id) {
    gone[id] = true;
    pending = pending.filter(function (c) {
      return c.id !== id;
    });
    var li = document.getElementById(anchorId(id));
    if (!li) return;
    keepingPlace(function () {
      if (li.querySelector('.comment')) {
        // Its replies stay where they are, under a placeholder.
        var card = li.querySelector(':scope > .comment__card');
        if (card) {
          var note = document.createElement('p');
          note.className = 'comment__removed';
          note.textContent = texts.removed;
          card.replaceChildren(note);
        }
      } else {
        var list = li.parentNode;
        li.remove();
        if (list && list.matches('ol.comment-thread') && !list.children.length) {
          var empty = document.createElement('p');
          empty.className = 'empty';
          list.replaceWith(empty);
        }
      }
    });
  }

  function upsert(comment, isNew) {
    var li = document.getElementById(anchorId(comment.id));
    if (li) {
      keepingPlace(function () {
        replaceBody(li, comment);
      });
      return;
    }
    for (var i = 0; i < pending.length; i++) {
      if (pending[i].id === comment.id) return;
    }
    // A change to a comment that is not on this page (a later page) is not news.
    if (isNew) {
      delete gone[comment.id];
      pending.push({ id: comment.id, parentId: comment.parentId, depth: comment.depth });
    }
  }

  button.addEventListener('click', function () {
    if (busy) return;
    var shown = pending;
    pending = [];
    busy = true;
    button.setAttribute('aria-busy', 'true');
    Promise.all(
      shown.map(function (comment) {
        return fragment(comment.id).catch(function () {
          // Not reached this time: it waits behind the button again.
          pending.push(comment);
          return null;
        });
      }),
    ).then(function (items) {
      busy = false;
      button.removeAttribute('aria-busy');
      var first = null;
      keepingPlace(function () {
        // Parents before replies: they arrived in that order.
        for (var i = 0; i < shown.length; i++) {
          if (!items[i] || gone[shown[i].id]) continue;
          var li = insert(shown[i], items[i]);
          if (li && !first) first = li;
        }
      });
      showButton();
      // The button is gone: the reader continues at the first new comment.
      if (first) first.focus();
    });
    showButton();
  });

  function read(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  var source = new EventSource(
    section.getAttribute('data-live') + '?since=' + section.getAttribute('data-live-since'),
  );
  function onComment(event) {
    var data = read(event);
    if (!data || !data.comment) return;
    upsert(data.comment, event.type === 'created');
    setCount(data.commentCount);
    showButton();
  }
  source.addEventListener('created', onComment);
  source.addEventListener('changed', onComment);
  source.addEventListener('removed', function (event) {
    var data = read(event);
    if (!data) return;
    remove(data.id);
    setCount(data.commentCount);
    showButton();
  });
})();
