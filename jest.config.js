// Each side owns its jest project: the server (node, real MariaDB) and the mini-program (jsdom).
module.exports = {
  // testTimeout is a global option: the projects' own values are ignored when run from here, and the
  // server's real-database suites (concurrency bursts, a spawned server) need more than 5 s.
  testTimeout: 60000,
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/miniapp/jest.config.js'],
};
