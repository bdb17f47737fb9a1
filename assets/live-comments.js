// Live comments (docs/live.md). Without this file the page is complete; with it, comments
// written after the page was rendered are announced by a button, "N new comments", and shown
// when the reader asks. Nothing already on the page moves while someone reads it.
(function () {
  'use strict';
  var section = document.querySelector('section[data-live]');
  if (!section || typeof window.EventSource !== 'function') return;

  var pending = []; // comments waiting behind the button, in arrival order
  var signedIn = !!document.getElementById('comment-body');
  // Times in the site's zone (set on <body> by the server), named as the server names them:
  // GMT/BST, EST/EDT… or, where no short name is known, the offset (src/domain/local-time.ts).
  var siteZone = document.body.getAttribute('data-time-zone') || 'UTC';
  var dateFormat = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: siteZone,
  });
  var zoneNames = ['en-GB', 'en-US'].map(function (locale) {
    return new Intl.DateTimeFormat(locale, { timeZone: siteZone, timeZoneName: 'short' });
  });
  function zoneName(date) {
    for (var i = 0; i < zoneNames.length; i++) {
      var parts = zoneNames[i].formatToParts(date);
      for (var j = 0; j < parts.length; j++) {
        var name = parts[j].type === 'timeZoneName' ? parts[j].value : '';
        if (name && !/^GMT[+\-\u2212]/.test(name)) return name;
        if (name && i === zoneNames.length - 1)
          return name.replace('GMT', 'UTC').replace('-', '\u2212');
      }
    }
    return '';
  }
  function formatTime(date) {
    return dateFormat.format(date).replace(' at ', ', ') + '\u00a0' + zoneName(date);
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

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function showButton() {
    if (pending.length === 0) {
      button.hidden = true;
      button.textContent = '';
      return;
    }
    button.textContent = 'Show ' + plural(pending.length, 'new comment', 'new comments');
    button.hidden = false;
  }

  function setCount(n) {
    if (typeof n !== 'number') return;
    var total = section.querySelector('.comment-total');
    if (total) total.textContent = '(' + n + ')';
    var tool = document.querySelector('.toolbar a[href="#comments"]');
    if (!tool) return;
    var badge = tool.querySelector('.badge');
    if (badge) badge.textContent = String(n);
    var spoken = tool.querySelector('.visually-hidden');
    if (spoken) spoken.textContent = 'Comment, ' + plural(n, 'comment', 'comments');
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

  function build(comment, inReplyTo) {
    var id = anchorId(comment.id);
    var li = document.createElement('li');
    li.className = 'comment comment--new';
    li.id = id;
    li.tabIndex = -1;
    var card = document.createElement('article');
    card.className = 'comment__card';
    card.setAttribute('aria-labelledby', id + '-author');
    var meta = document.createElement('p');
    meta.className = 'comment__meta';
    var author = document.createElement('strong');
    author.className = 'comment__author';
    author.id = id + '-author';
    author.textContent = comment.author.name;
    meta.appendChild(author);
    if (inReplyTo) {
      meta.appendChild(document.createTextNode(' '));
      var to = document.createElement('span');
      to.className = 'comment__reply-to';
      to.textContent = 'in reply to ' + inReplyTo;
      meta.appendChild(to);
    }
    meta.appendChild(document.createTextNode(' '));
    var link = document.createElement('a');
    link.className = 'comment__time';
    link.href = '#' + id;
    var time = document.createElement('time');
    time.dateTime = comment.createdAt;
    time.textContent = formatTime(new Date(comment.createdAt));
    link.appendChild(time);
    meta.appendChild(link);
    card.appendChild(meta);
    var body = document.createElement('div');
    body.className = 'comment__body';
    // The server rendered this HTML from the safe Markdown subset, as it does for the page.
    body.innerHTML = comment.html;
    card.appendChild(body);
    if (signedIn) {
      var actions = document.createElement('p');
      actions.className = 'comment__actions';
      var reply = document.createElement('a');
      reply.href = '?reply=' + encodeURIComponent(comment.id) + '#comment-form';
      reply.textContent = 'Reply';
      var hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = ' to ' + comment.author.name;
      reply.appendChild(hidden);
      actions.appendChild(reply);
      card.appendChild(actions);
    }
    li.appendChild(card);
    return li;
  }

  function threadList() {
    var list = section.querySelector('ol.comment-thread');
    if (list) return list;
    list = document.createElement('ol');
    list.className = 'comment-thread';
    var empty = section.querySelector('p.empty');
    if (empty) empty.replaceWith(list);
    else section.querySelector('h2').after(list);
    return list;
  }

  /** Puts a comment where the server would have: under its parent, or at the thread's end. */
  function insert(comment) {
    if (document.getElementById(anchorId(comment.id))) return null;
    var parent = comment.parentId ? document.getElementById(anchorId(comment.parentId)) : null;
    var li;
    if (parent && comment.depth <= 4) {
      li = build(comment, null);
      var replies = parent.querySelector(':scope > ol.comment-replies');
      if (!replies) {
        replies = document.createElement('ol');
        replies.className = 'comment-replies';
        parent.appendChild(replies);
      }
      replies.appendChild(li);
    } else if (parent) {
      // Deeper than the indented levels: flat, after the parent, saying whom it answers.
      var name = parent.querySelector('.comment__author');
      li = build(comment, name ? name.textContent : null);
      parent.parentNode.appendChild(li);
    } else {
      li = build(comment, null);
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
          note.textContent = 'This comment was removed.';
          card.replaceChildren(note);
        }
      } else {
        li.remove();
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
      if (pending[i].id === comment.id) {
        pending[i] = comment;
        return;
      }
    }
    // A change to a comment that is not on this page (a later page) is not news.
    if (isNew) pending.push(comment);
  }

  button.addEventListener('click', function () {
    var shown = pending;
    pending = [];
    var first = null;
    keepingPlace(function () {
      // Parents before replies: they arrived in that order.
      for (var i = 0; i < shown.length; i++) {
        var li = insert(shown[i]);
        if (li && !first) first = li;
      }
    });
    showButton();
    // The button is gone: the reader continues at the first new comment.
    if (first) first.focus();
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
