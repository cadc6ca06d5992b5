import { configProblems, testKey } from '@app/testing';
import { loadConfig } from '../load-config';
import { buildApp } from './app.section';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu',
  REDIS_URL: 'redis://cache.internal:6379',
  CACHE_ENCRYPTION_KEY: testKey(9),
};

describe(buildApp.name, () => {
  describe('/metrics and /docs', () => {
    it('are served outside production unless switched off', () => {
      for (const NODE_ENV of ['development', 'test']) {
        expect(loadConfig({ NODE_ENV })).toMatchObject({ metrics: { enabled: true }, docs: { enabled: true } });
      }
      const off = loadConfig({ METRICS_ENABLED: 'false', DOCS_ENABLED: 'false' });
      expect(off).toMatchObject({ metrics: { enabled: false }, docs: { enabled: false } });
    });

    it('are off in production unless METRICS_ENABLED and DOCS_ENABLED say otherwise', () => {
      const sut = loadConfig(PRODUCTION);
      expect(sut.metrics).toEqual({ enabled: false });
      expect(sut.docs).toEqual({ enabled: false });
      const on = loadConfig({ ...PRODUCTION, METRICS_ENABLED: 'true', DOCS_ENABLED: 'true' });
      expect(on).toMatchObject({ metrics: { enabled: true }, docs: { enabled: true } });
      expect(on.metrics.listener).toBeUndefined();
    });

    it('refuses a value that is not a boolean, naming the variable', () => {
      const problems = configProblems({ METRICS_ENABLED: 'sometimes', DOCS_ENABLED: 'on' });
      expect(problems).toMatch(/METRICS_ENABLED: must be true or false/);
      expect(problems).toMatch(/DOCS_ENABLED: must be true or false/);
    });
  });

  describe('METRICS_PORT', () => {
    it('moves /metrics to its own listener on HOST by default, or METRICS_HOST', () => {
      expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ enabled: true, listener: { port: 9464, host: '127.0.0.1' } });
      expect(loadConfig({ HOST: '0.0.0.0', METRICS_PORT: '9464' }).metrics.listener).toEqual({ port: 9464, host: '0.0.0.0' });
      expect(loadConfig({ HOST: '0.0.0.0', METRICS_PORT: '9464', METRICS_HOST: '10.1.2.3' }).metrics.listener).toEqual({
        port: 9464,
        host: '10.1.2.3',
      });
    });

    it('turns metrics on in production without METRICS_ENABLED: the port is the request', () => {
      expect(loadConfig({ ...PRODUCTION, METRICS_PORT: '9464' }).metrics).toEqual({
        enabled: true,
        listener: { port: 9464, host: '127.0.0.1' },
      });
      expect(loadConfig({ ...PRODUCTION, METRICS_PORT: '9464', METRICS_ENABLED: 'true' }).metrics.enabled).toBe(true);
    });

    it.each(['0', '65536', '94.64', 'port-9464x'])('refuses %s, without printing it', (value) => {
      const problems = configProblems({ METRICS_PORT: value });
      expect(problems).toMatch(/METRICS_PORT: must be an integer from 1 to 65535/);
      if (value.length > 2) expect(problems).not.toContain(value);
    });

    it('refuses the public port, and METRICS_ENABLED=false beside it', () => {
      expect(configProblems({ PORT: '8080', METRICS_PORT: '8080' })).toMatch(/METRICS_PORT: must differ from PORT/);
      expect(configProblems({ METRICS_PORT: '3000' })).toMatch(/METRICS_PORT: must differ from PORT/);
      expect(configProblems({ METRICS_PORT: '9464', METRICS_ENABLED: 'false' })).toMatch(
        /METRICS_PORT: must not be set with METRICS_ENABLED=false/,
      );
    });

    it('refuses METRICS_HOST without METRICS_PORT, and a METRICS_HOST that is no host', () => {
      expect(configProblems({ METRICS_HOST: '0.0.0.0' })).toMatch(/METRICS_HOST: is read only with METRICS_PORT/);
      expect(configProblems({ METRICS_PORT: '9464', METRICS_HOST: 'not a host!' })).toMatch(
        /METRICS_HOST: must be an IP address or a host name/,
      );
    });
  });
});
