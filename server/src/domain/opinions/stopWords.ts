/**
 * Words that say nothing about what residents want: function words, pronouns, politeness and
 * the suggestion box's own vocabulary (希望, 建议, 问题 …). Dropped before hot topics are counted.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `的 了 和 与 及 或 是 在 有 也 都 就 还 又 很 太 更 最 不 没 没有 无 被 把 让 给 对 从 向 到 为 为了 因为 所以 但是 但 而 而且
  如果 虽然 这 那 这个 那个 这些 那些 这里 那里 这样 那样 这么 那么 什么 怎么 怎么样 哪里 哪些 我 我们 你 你们 他 他们 她 她们 它 它们
  大家 自己 咱们 各位 一个 一些 一下 一点 一直 已经 现在 目前 以后 以前 之前 之后 时候 时间 今天 明天 每天 经常 总是 可以 可能 能够 能 会 要
  需要 应该 希望 建议 请 请问 谢谢 感谢 麻烦 您好 你好 问题 情况 方面 方式 事情 东西 地方 比较 非常 特别 真的 还是 就是 只是 不是 这种
  那种 其他 其它 以及 等 等等 吗 呢 吧 啊 呀 哦 嗯 着 过 得 地 之 其 所 如何 进行 相关 有关 关于 通过 根据 由于 然后 而是 并且 或者 甚至
  尽快 及时 一起 大概 左右 许多 很多 多 少 好 上 下 里 中 内 外 前 后 个 些 位 次 天 年 月 日 号 点 分 为什么 怎样 可否 是否 能否`
    .split(/\s+/)
    .filter(Boolean),
);
