import { builder } from './builder';
import './dataset';
import './run';
import './investigation';
import './detect';
import './progress';
import './issueType';
import './node';

export const schema = builder.toSchema();
