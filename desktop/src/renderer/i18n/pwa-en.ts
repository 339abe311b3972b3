// English strings of the web app's update notice (part of en.ts).
export const pwaEn = {
  'pwa.updateReady': 'A new version of the app is ready.',
  'pwa.reload': 'Reload to update',
  'pwa.later': 'Later',
};
