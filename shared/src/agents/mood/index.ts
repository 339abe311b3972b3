// Mood and abuse of customer messages (issue 62). See README.md in this folder.
export {
  readCustomerMood,
  checkReplyAbuse,
  type AbuseSeverity,
  type MoodLabel,
  type CustomerMood,
  type ReplyAbuseContext,
} from './read-mood';
