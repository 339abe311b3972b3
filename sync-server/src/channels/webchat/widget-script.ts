// The embeddable widget, served as /webchat/widget.js. Plain browser JavaScript with no dependencies:
// a button and a chat panel in a shadow root (the site's CSS cannot break it, and it cannot break the
// site's), messages rendered as text only, files the team sent as download links. Its own texts are in
// the widget's language (the team's setting); with `auto`, in the conversation's language once the
// server knows it (the replies are in it), before that in the browser's; so is the header unless the
// team wrote a title. A rep's message shows the rep's display name, or "Team".
// While the agents write an answer, the widget shows "typing…" and the text so far (the server's draft
// stream, draft-stream.ts); the stored reply then takes the draft's place. The growing text is
// aria-busy (screen readers wait for the whole reply, announced once); "typing…" is a polite status.
// When the team lets it (the widget's `recordPages`), the widget asks the visitor in one line whether it
// may note the pages of the site they view; with a yes (remembered), it keeps this site's paths and
// titles (the last 20, no query strings) in the visitor's localStorage and sends them with the next
// message (webchat-pages.ts); a no is remembered too, and nothing is kept.
// An agent message that offers choices (issue 61) has them as buttons under it; a click posts the pick
// (`choiceId` and `replyTo`, webchat-choices.ts) and the buttons go, as they do once a pick of them is
// seen in the conversation (another tab, a reload).
// With `data-preview` (the Settings card's preview page, widget-preview.ts) it takes its settings from
// the script's data attributes, opens at once, and posts and polls nothing: what is typed stays there.
// Icons are inline SVG built with DOM calls (issue 64): lucide's paperclip before a file's name and its
// x in the close button, aria-hidden and sized 1em (the text's font), never an emoji or a symbol
// character, which a machine without an emoji font draws as a box (widget-script.test.ts checks).
export const widgetScript = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__salesWorkspaceChat) return;
  window.__salesWorkspaceChat = true;
  var key = script.getAttribute('data-key');
  var preview = script.hasAttribute('data-preview');
  var base = new URL(script.src).origin + '/webchat/v1/' + encodeURIComponent(key || '');
  var texts = {
    ru: { open: 'Написать нам', placeholder: 'Ваше сообщение…', send: 'Отправить', error: 'Не удалось отправить. Попробуйте ещё раз.', preview: 'Предпросмотр: сообщения отсюда не отправляются.', you: 'Вы', assistant: 'Ассистент', rep: 'Команда', typing: 'Ассистент печатает…', close: 'Свернуть чат', consent: 'Можно учитывать, какие страницы этого сайта вы смотрите, чтобы лучше вам помочь?', allow: 'Разрешить', deny: 'Нет', choices: 'Выберите вариант', greeting: 'Здравствуйте! Чем можем помочь?' },
    en: { open: 'Chat with us', placeholder: 'Your message…', send: 'Send', error: 'Could not send. Please try again.', preview: 'Preview: messages typed here are not sent.', you: 'You', assistant: 'Assistant', rep: 'Team', typing: 'Assistant is typing…', close: 'Close the chat', consent: 'May we note which pages of this site you view, to help you better?', allow: 'Allow', deny: 'No', choices: 'Choose an option', greeting: 'Hello! How can we help?' }
  };
  var setting = 'auto';
  var lang = /^ru\b/i.test(navigator.language || '') ? 'ru' : 'en';
  var t = texts[lang];

  function randomId(bytes) {
    var a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  var storageKey = 'sw-chat-visitor:' + key;
  var visitorId = preview ? 'preview' : localStorage.getItem(storageKey);
  if (!preview && (!visitorId || !/^[A-Za-z0-9_-]{16,64}$/.test(visitorId))) {
    visitorId = 'v_' + randomId(16);
    localStorage.setItem(storageKey, visitorId);
  }

  // Lucide icons (https://lucide.dev, lucide-react 1.87.0: paperclip, x), ISC License, Copyright (c)
  // Lucide Icons and Contributors. Their path data, drawn on lucide's 24-unit grid.
  var icons = {
    paperclip: ['m16 6-8.414 8.586a2 2 0 0 0 2.829 2.829l8.414-8.586a4 4 0 1 0-5.657-5.657l-8.379 8.551a6 6 0 1 0 8.485 8.485l8.379-8.551'],
    x: ['M18 6 6 18', 'm6 6 12 12']
  };
  /** An icon as an svg element: hidden from screen readers (the text beside it, or a label, says it). */
  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    var attrs = { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor',
      'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false', 'class': 'icon' };
    Object.keys(attrs).forEach(function (k) { svg.setAttribute(k, attrs[k]); });
    icons[name].forEach(function (d) {
      var path = document.createElementNS(ns, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    return svg;
  }

  var host = document.createElement('div');
  var root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    ':host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif}' +
    '.btn{position:fixed;right:20px;bottom:20px;border:0;border-radius:24px;padding:12px 18px;color:#fff;cursor:pointer;box-shadow:0 4px 16px #0003;z-index:2147483000}' +
    '.panel{position:fixed;right:20px;bottom:76px;width:340px;max-width:calc(100vw - 40px);height:460px;max-height:calc(100vh - 100px);background:#fff;border-radius:12px;box-shadow:0 8px 32px #0004;display:none;flex-direction:column;overflow:hidden;z-index:2147483000}' +
    '.panel.open{display:flex}.head{display:flex;align-items:center;gap:8px;padding:8px 8px 8px 16px;color:#fff;font-weight:600}.title{flex:1}' +
    '.icon{display:inline-block;width:1em;height:1em;font-size:inherit;vertical-align:-0.125em;flex:none}.file .icon{margin-right:4px}' +
    '.close{display:inline-flex;align-items:center;justify-content:center;border:0;background:transparent;color:inherit;font-size:20px;line-height:1;width:32px;height:32px;border-radius:6px;cursor:pointer}.close:hover,.close:focus-visible{background:#ffffff33}' +
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9}' +
    '.m{max-width:80%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}' +
    '.in{align-self:flex-end;background:#dbeafe}.out{align-self:flex-start;background:#fff;border:1px solid #e5e7eb}' +
    '.who{font-size:11px;color:#4b5563;margin-bottom:2px}.file{display:block;margin-top:4px;color:inherit;text-decoration:underline;word-break:break-all}.err{color:#b91c1c;font-size:12px;padding:0 12px}' +
    '.consent{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 12px;font-size:12px;color:#374151;border-top:1px solid #e5e7eb}.consent[hidden]{display:none}.consent span{flex:1 1 100%}.consent button{border:1px solid #d1d5db;border-radius:6px;padding:4px 10px;background:#fff;cursor:pointer;font-size:12px}' +
    '.draft{border-style:dashed}.typing{font-size:12px;color:#4b5563;padding:0 12px;min-height:0}' +
    '.choices{align-self:flex-start;max-width:80%;display:flex;flex-direction:column;gap:4px}.choices button{border:1px solid #d1d5db;border-radius:8px;padding:6px 10px;background:#fff;cursor:pointer;text-align:left;color:#1f2937}.choices button:disabled{opacity:.6;cursor:default}' +
    'form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb}input{flex:1;padding:8px;border:1px solid #d1d5db;border-radius:8px}' +
    'form button{border:0;border-radius:8px;padding:8px 12px;color:#fff;cursor:pointer}' +
    '</style>' +
    '<div class="panel" role="dialog"><div class="head"><span class="title"></span><button type="button" class="close"></button></div><div class="log" aria-live="polite"></div><div class="typing" role="status" aria-live="polite"></div><div class="err" hidden></div>' +
    '<div class="consent" role="group" hidden><span></span><button type="button" class="allow"></button><button type="button" class="deny"></button></div>' +
    '<form><input maxlength="4000" autocomplete="off"><button type="submit"></button></form></div>' +
    '<button class="btn" type="button"></button>';
  document.body.appendChild(host);

  var panel = root.querySelector('.panel'), head = root.querySelector('.head'), log = root.querySelector('.log');
  var title = root.querySelector('.title'), closeBtn = root.querySelector('.close');
  var err = root.querySelector('.err'), form = root.querySelector('form'), input = root.querySelector('input');
  var btn = root.querySelector('.btn'), sendBtn = root.querySelector('form button');
  var typing = root.querySelector('.typing');
  closeBtn.appendChild(icon('x'));
  var consentBox = root.querySelector('.consent'), consentText = root.querySelector('.consent span');
  var allowBtn = root.querySelector('.consent .allow'), denyBtn = root.querySelector('.consent .deny');
  var seen = {}, since = '', polling = false, shown = [], ownTitle = '';
  var boxes = {}, pickedOffers = {};
  /** Shows every text of the widget in next (ru or en), the labels of messages shown too. */
  function useLanguage(next) {
    if (next !== 'ru' && next !== 'en') return;
    lang = next; t = texts[lang];
    host.setAttribute('lang', lang);
    btn.textContent = t.open; input.placeholder = t.placeholder; sendBtn.textContent = t.send;
    closeBtn.setAttribute('aria-label', t.close); closeBtn.title = t.close;
    showTitle();
    input.setAttribute('aria-label', t.placeholder);
    consentText.textContent = t.consent; allowBtn.textContent = t.allow; denyBtn.textContent = t.deny;
    if (preview) { err.textContent = t.preview; err.hidden = false; err.style.color = '#4b5563'; }
    shown.forEach(function (s) { s.who.textContent = label(s.m); });
  }
  /** The header: the team's title, else the launcher's words, in the language the widget speaks. */
  function showTitle() {
    title.textContent = ownTitle || t.open;
    panel.setAttribute('aria-label', title.textContent);
  }
  function label(m) {
    return m.direction === 'inbound' ? t.you : m.author === 'assistant' ? t.assistant : (m.name || t.rep);
  }
  useLanguage(lang);

  function paint(color) { btn.style.background = color; head.style.background = color; sendBtn.style.background = color; }
  paint('#2563eb');
  function configure(c) {
    if (!c) return;
    ownTitle = c.title || ''; showTitle(); paint(c.color);
    if (c.language === 'ru' || c.language === 'en') { setting = c.language; useLanguage(c.language); }
    // The team's greeting for the visitor's language, else its one greeting, else (the Settings card's
    // default) the widget's own in the language it speaks.
    var own = c.greetings && typeof c.greetings[lang] === 'string' ? c.greetings[lang] : '';
    var greeting = own || c.greeting || (c.defaultGreeting ? t.greeting : '');
    if (greeting) add({ id: 'greeting', direction: 'outbound', author: 'assistant', text: greeting });
    pagesOn = c.pages === true;
    startPages();
  }

  // Pages viewed (only when the team switched it on and the visitor said yes): this site's path and
  // title, the last 20, kept in this browser; the list goes with the next message once it changed.
  var pagesOn = false;
  var consentKey = 'sw-chat-pages-consent:' + key, pagesKey = 'sw-chat-pages:' + key, sentKey = 'sw-chat-pages-sent:' + key;
  function store(k, v) { try { if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (x) { /* storage off */ } }
  function read(k) { try { return localStorage.getItem(k); } catch (x) { return null; } }
  function pages() {
    try { var list = JSON.parse(read(pagesKey) || '[]'); return Array.isArray(list) ? list.slice(-20) : []; } catch (x) { return []; }
  }
  function notePage() {
    var list = pages(), entry = { path: location.pathname.slice(0, 300), title: (document.title || '').slice(0, 200) };
    var last = list[list.length - 1];
    if (last && last.path === entry.path) list[list.length - 1] = entry; else list.push(entry);
    store(pagesKey, JSON.stringify(list.slice(-20)));
  }
  function startPages() {
    if (preview) return;
    if (!pagesOn) { store(pagesKey, null); store(sentKey, null); consentBox.hidden = true; return; }
    var consent = read(consentKey);
    if (consent === 'yes') notePage();
    consentBox.hidden = consent === 'yes' || consent === 'no';
  }
  allowBtn.addEventListener('click', function () { store(consentKey, 'yes'); consentBox.hidden = true; notePage(); });
  denyBtn.addEventListener('click', function () { store(consentKey, 'no'); store(pagesKey, null); consentBox.hidden = true; });
  /** The pages to send with a message: the list, when allowed and changed since last sent. */
  function pagesToSend() {
    if (!pagesOn || read(consentKey) !== 'yes') return null;
    var list = pages();
    return list.length && JSON.stringify(list) !== read(sentKey) ? list : null;
  }
  if (preview) {
    configure({ title: script.getAttribute('data-title') || '', greeting: script.getAttribute('data-greeting') || '',
      color: script.getAttribute('data-color') || '#2563eb', language: script.getAttribute('data-language') });
    panel.classList.add('open');
  } else {
    fetch(base + '/config').then(function (r) { return r.ok ? r.json() : null; }).then(configure).catch(function () {});
  }

  // The answer being written: a bubble with the text so far, and "typing…" in the status line.
  var draftSource = null, draftEl = null, draftTimer = 0;
  function showDraft(text) {
    typing.textContent = t.typing;
    if (!text) { if (draftEl) { draftEl.remove(); draftEl = null; } return; }
    if (!draftEl) {
      draftEl = document.createElement('div');
      draftEl.className = 'm out draft';
      draftEl.setAttribute('aria-busy', 'true');
      var who = document.createElement('div');
      who.className = 'who';
      who.textContent = t.assistant;
      draftEl.appendChild(who); draftEl.appendChild(document.createElement('div'));
      log.appendChild(draftEl);
    }
    draftEl.lastChild.textContent = text;
    log.scrollTop = log.scrollHeight;
  }
  function clearDraft() {
    clearTimeout(draftTimer);
    typing.textContent = '';
    if (draftEl) { draftEl.remove(); draftEl = null; }
  }
  function stopDraftStream() { if (draftSource) { draftSource.close(); draftSource = null; } }
  function watchDraft() {
    if (preview || draftSource || typeof EventSource === 'undefined') return;
    var es = new EventSource(base + '/draft?visitorId=' + visitorId);
    draftSource = es;
    es.addEventListener('draft', function (e) {
      try { showDraft(JSON.parse(e.data).text || ''); } catch (x) { /* a broken event: ignored */ }
    });
    // The answer is stored: the message poll brings it and takes the draft's place (or, should it not
    // come, the draft goes after a few seconds).
    es.addEventListener('done', function () {
      stopDraftStream();
      clearTimeout(draftTimer);
      draftTimer = setTimeout(clearDraft, typing.textContent ? 5000 : 0);
    });
    es.onerror = function () { stopDraftStream(); clearDraft(); };
  }

  /** An offer's choices: a button each under the message; a click posts the pick. */
  function showChoices(m) {
    var box = document.createElement('div');
    box.className = 'choices';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', t.choices);
    m.choices.forEach(function (c) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.label;
      b.addEventListener('click', function () { pick(m, c, box); });
      box.appendChild(b);
    });
    boxes[m.id] = box;
    log.appendChild(box);
  }
  function dropChoices(offerId) {
    pickedOffers[offerId] = true;
    if (boxes[offerId]) { boxes[offerId].remove(); delete boxes[offerId]; }
  }
  function pick(m, c, box) {
    if (preview) return;
    var buttons = box.querySelectorAll('button');
    var able = function (on) { Array.prototype.forEach.call(buttons, function (b) { b.disabled = !on; }); };
    able(false);
    err.hidden = true;
    var clientMessageId = randomId(8);
    fetch(base + '/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ visitorId: visitorId, clientMessageId: clientMessageId, text: c.label, choiceId: c.id, replyTo: m.id })
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (b) {
      dropChoices(m.id);
      if (b && b.id) seen[b.id] = true;
      add({ id: 'local-' + clientMessageId, direction: 'inbound', text: c.label });
      watchDraft();
      poll();
    }).catch(function () { err.textContent = t.error; err.hidden = false; able(true); });
  }

  function add(m) {
    if (seen[m.id]) return;
    seen[m.id] = true;
    if (m.picked && m.picked.replyTo) dropChoices(m.picked.replyTo);
    if (m.direction === 'outbound' && m.id !== 'greeting') clearDraft();
    var el = document.createElement('div');
    el.className = 'm ' + (m.direction === 'inbound' ? 'in' : 'out');
    var who = document.createElement('div');
    who.className = 'who';
    who.textContent = label(m);
    shown.push({ m: m, who: who });
    var text = document.createElement('div');
    text.textContent = m.text;
    el.appendChild(who); el.appendChild(text);
    // Files the team sent (a proposal's PDF): a download link each, fetched by this visitor only.
    (m.files || []).forEach(function (f) {
      var a = document.createElement('a');
      a.className = 'file';
      a.href = base + '/files/' + encodeURIComponent(m.id) + '/' + f.index + '?visitorId=' + visitorId;
      a.setAttribute('download', f.name);
      a.rel = 'noopener';
      a.appendChild(icon('paperclip'));
      a.appendChild(document.createTextNode(f.name));
      el.appendChild(a);
    });
    log.appendChild(el);
    if (m.direction === 'outbound' && m.choices && m.choices.length && !pickedOffers[m.id]) showChoices(m);
    log.scrollTop = log.scrollHeight;
    // When it could first be seen (a planned message: when it came due), not when it was written.
    var at = m.shownAt || m.createdAt;
    if (at && at > since) since = at;
  }

  function poll() {
    if (polling || preview) return;
    polling = true;
    var url = base + '/messages?wait=1&visitorId=' + visitorId + (since ? '&since=' + encodeURIComponent(since) : '');
    fetch(url).then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (b) {
        if (setting === 'auto' && b.language) useLanguage(b.language);
        b.messages.forEach(add); polling = false; setTimeout(poll, 300);
      })
      .catch(function () { polling = false; setTimeout(poll, 5000); });
  }

  btn.addEventListener('click', function () {
    panel.classList.toggle('open');
    btn.setAttribute('aria-expanded', String(panel.classList.contains('open')));
    if (panel.classList.contains('open')) { input.focus(); poll(); }
  });
  // Closed by its close button or Esc; the focus goes back to the launcher.
  function close() { panel.classList.remove('open'); btn.setAttribute('aria-expanded', 'false'); btn.focus(); }
  closeBtn.addEventListener('click', close);
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    var clientMessageId = randomId(8);
    input.value = '';
    if (preview) { add({ id: 'local-' + clientMessageId, direction: 'inbound', text: text }); return; }
    err.hidden = true;
    var body = { visitorId: visitorId, clientMessageId: clientMessageId, text: text, page: location.pathname };
    var viewed = pagesToSend();
    if (viewed) { body.pages = viewed; body.pagesConsent = true; }
    fetch(base + '/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      if (viewed) store(sentKey, JSON.stringify(viewed));
      add({ id: 'local-' + clientMessageId, direction: 'inbound', text: text });
      seen['msg:webchat:' + visitorId + ':' + clientMessageId] = true;
      watchDraft();
      poll();
    }).catch(function () { err.textContent = t.error; err.hidden = false; input.value = text; });
  });
})();`;
