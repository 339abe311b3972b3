// English text of the web chat card's "pages viewed" setting (issue 14: the widget notes the pages a
// visitor viewed on the site, with the visitor's consent; screens/settings/WebChatCard.tsx).
export const webchatPagesEn = {
  'webchat.pages': 'Note the pages a visitor viewed on the site (the widget asks the visitor first)',
  'webchat.pagesHint':
    'Off by default. When on, the widget asks each visitor whether it may note the pages of this site they view (address path and title, the last 20, kept in their browser). With their consent the list goes with their first message and shows on the contact as pages viewed on the site.',
};
