// Objection handling (issue 38): recognition over the team's library and the library's answers.
export { answerObjection, loadLibrary } from './objection-step';
export { libraryAnswer, objectionName } from './library-answer';
export { recogniseObjection, objectionWords, type ObjectionMatch } from './recognise';
