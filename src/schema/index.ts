import { builder } from './builder';
import './dataset';
import './issue';
import './run';
import './investigation';
import './artifact';
import './detect';
import './dismissal';
import './progress';
import './issueType';
import './node';
import './auth';

export const schema = builder.toSchema();
