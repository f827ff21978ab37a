import posts from './posts';
import registrations from './registrations';
import signups from './signups';

/** 志愿服务: registration and approval, posts, sign-ups, check-in/out, hours. */
export default [...registrations, ...posts, ...signups];
