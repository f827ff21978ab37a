// 头像: the preset avatars a resident picks in 我的 (no photo upload: nothing of a face is stored).
// Each is an icon on a colour; the mini-program draws them (components/Avatar).
export const AVATAR_KEYS = ['cup', 'sun', 'leaf', 'heart', 'star', 'music'] as const;
export type AvatarKey = (typeof AVATAR_KEYS)[number];
