export const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);
