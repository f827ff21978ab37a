// Each side owns its jest project: the server (node, real MariaDB) and the mini-program (jsdom).
module.exports = {
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/miniapp/jest.config.js'],
};
