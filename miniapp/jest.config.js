/** Mini-program tests: jsdom + Testing Library, with @tarojs/taro replaced by miniapp/test/taro.ts. */
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// Babel inline (not the root babel.config.js, whose Taro preset is for the real builds).
const babel = {
  configFile: false,
  babelrc: false,
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
    '@babel/preset-typescript',
  ],
};

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/**/*.test.{ts,tsx}'],
  transform: { '^.+\\.(m?js|jsx|tsx?)$': ['babel-jest', babel] },
  // Taro's component wrappers and their Stencil runtime ship as ES modules.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|tslib|\\.pnpm)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro.ts',
    '^@tarojs/components$': path.join(root, 'node_modules/@tarojs/components/lib/react/index.js'),
    '^@shared/(.*)$': path.join(root, 'shared/$1'),
    '\\.(css|scss)$': '<rootDir>/test/style.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
};
