import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { ConfigError } from './config';
import { settleNoShows } from './domain/booking/noShows';
import { startIot } from './integrations/mqtt/broker';
import { startDashboardJob } from './domain/dashboard/refresh';
import { flagOverdueMilestones } from './domain/projects/overdue';
import { startPrivacyJobs } from './domain/privacy/jobs';
import { sendBookingReminders } from './domain/reminders/job';
import { expireHelpRequests } from './domain/helping/requests';

async function main() {
  let deps;
  try {
    deps = await bootstrap();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const { config, logger } = deps;
  // the device side: MQTT (embedded broker unless MQTT_URL) and the ingest, unless IOT_INGEST=0
  if (config.IOT_INGEST) deps.iot = await startIot(deps);
  const server = createApp(deps).listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    logger.info({ url: `http://${config.HOST}:${port}` }, '幸福荟 server listening');
  });
  server.keepAliveTimeout = 65_000;

  // Ended bookings become no-shows (and repeat no-shows are suspended) within a minute, even
  // for people who never book again; booking attempts also settle the caller's own at once.
  const sweep = setInterval(() => {
    settleNoShows(deps.db, deps.clock.now()).catch((e) => logger.error({ err: e }, 'no-show sweep failed'));
  }, 60_000);
  sweep.unref();
  // 数智平台 roll-ups and hot topics: recomputed from the raw tables every 30 s (idempotent).
  const stopDashboard = startDashboardJob(deps.db, deps.clock, (e) => logger.error({ err: e }, 'dashboard refresh failed'));
  // Overdue project milestones are flagged to their owners once (hourly; the flag makes reruns quiet).
  const overdue = setInterval(() => {
    flagOverdueMilestones(deps.db, deps.clock.now()).catch((e) => logger.error({ err: e }, 'overdue milestone check failed'));
  }, 3600_000);
  overdue.unref();
  // 注销账号 whose cooling-off ended run hourly; the retention purge (domain/privacy/retention.ts) daily.
  const stopPrivacy = startPrivacyJobs(deps);
  // Booking reminders (the day before, 1 hour before) and waitlist promotions' subscribe messages;
  // the reminder table's unique key makes reruns and other replicas quiet.
  const reminders = setInterval(() => {
    sendBookingReminders(deps, deps.clock.now()).catch((e) => logger.error({ err: e }, 'booking reminders failed'));
  }, 60_000);
  reminders.unref();
  // 邻里互助 requests nobody matched expire at the end of their window and release their hold.
  const helpExpiry = setInterval(() => {
    expireHelpRequests(deps.db, deps.clock.now()).catch((e) => logger.error({ err: e }, 'help request expiry failed'));
  }, 60_000);
  helpExpiry.unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    stopDashboard();
    clearInterval(overdue);
    stopPrivacy();
    clearInterval(reminders);
    clearInterval(helpExpiry);
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still open after 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    // Behind a load balancer the keep-alive connections would keep bringing requests: answer the
    // ones in flight with "Connection: close" and drop each connection once it is idle.
    server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(async () => {
      await deps.iot?.stop().catch(() => undefined);
      clearInterval(idle);
      await deps.database.close().catch(() => undefined);
      deps.redis?.disconnect();
      logger.info('bye');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  process.stderr.write(`fatal: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
