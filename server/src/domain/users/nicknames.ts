/** Control characters, zero-width and bidi-override characters: invisible, and used to fake text. */
// eslint-disable-next-line no-control-regex
export const INVISIBLE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Titles only staff may carry; a resident's nickname that contains one could pass as staff. */
export const STAFF_TITLES = ['工作人员', '社工', '管理员', '客服', '官方', '民警', '警官', '书记', '主任', '街道', '社区', '幸福荟', '系统', '平台'];

/** Whether a nickname could pass for staff or the platform in a message (工作人员, 社区, 客服 …). */
export const imitatesStaff = (nickname: string) => STAFF_TITLES.some((w) => nickname.includes(w)) || /staff|admin|official/iu.test(nickname);
