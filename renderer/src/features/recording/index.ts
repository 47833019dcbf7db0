export { recordCalls } from './recorder';
export { Recordings } from './Recordings';
