// stylelint rule `xfh/no-cross-subpackage-import`: an SCSS file under miniapp/packages/<a>/ never
// @use/@forward/@imports a file under miniapp/packages/<b>/. WeChat loads each subpackage on its
// own, so shared styles live in miniapp/styles/ (mixins) or miniapp/components/. TSX imports of
// SCSS are checked by dependency-cruiser's no-cross-subpackage rule; it cannot read SCSS.
import path from 'node:path';
import stylelint from 'stylelint';

const {
  createPlugin,
  utils: { report, ruleMessages },
} = stylelint;

const ruleName = 'xfh/no-cross-subpackage-import';
const messages = ruleMessages(ruleName, {
  rejected: (from, to) =>
    `Subpackage "${from}" imports "${to}" from another subpackage: move the shared part to miniapp/styles/ (mixins) or miniapp/components/`,
});

/** The subpackage ("booking") a path lies in, or null outside miniapp/packages/. */
function subpackageOf(file) {
  const match = /(?:^|\/)miniapp\/packages\/([^/]+)\//.exec(file.split(path.sep).join('/'));
  return match ? match[1] : null;
}

function rule(enabled) {
  return (root, result) => {
    const file = root.source?.input.file;
    if (!enabled || !file) return;
    const own = subpackageOf(path.resolve(file));
    if (!own) return;
    root.walkAtRules(/^(use|forward|import)$/i, (atRule) => {
      for (const [, target] of atRule.params.matchAll(/['"]([^'"]+)['"]/g)) {
        if (!target.startsWith('.')) continue;
        const resolved = path.resolve(path.dirname(file), target);
        const other = subpackageOf(resolved);
        if (other && other !== own) {
          report({ ruleName, result, node: atRule, message: messages.rejected(own, target), word: target });
        }
      }
    });
  };
}

rule.ruleName = ruleName;
rule.messages = messages;

export default createPlugin(ruleName, rule);
