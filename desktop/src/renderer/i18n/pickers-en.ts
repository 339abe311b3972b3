// English strings of issue 37's last parts: the searchable member picker (a deal's owner, a task's
// assignee, a new contact's owner), sorting at phone width, the web chat widget's brand colour and
// title, and the Agents screen's guide (part of en.ts).
export const pickersEn = {
  'members.noMatch': 'No member matches “{q}”.',
  'members.clear': 'Clear: {field}',
  'members.former': 'A former member',
  'webchat.color': 'Brand colour (the button, the header and Send)',
  'webchat.titleAuto': 'Empty: the widget’s own words, in the language it speaks',
  'contacts.sort': 'Order of the contacts',
  'contacts.sort.name-asc': 'Sort: name, A to Z',
  'contacts.sort.name-desc': 'Sort: name, Z to A',
  'contacts.sort.activity-desc': 'Sort: latest activity first',
  'contacts.sort.activity-asc': 'Sort: earliest activity first',
  'agents.modelOf': 'Model of {role}',
};
