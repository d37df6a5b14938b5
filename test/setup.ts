// Ink renders nothing until exit when CI is set; the suite must behave the same locally and in CI.
delete process.env.CI;
process.env.FORCE_COLOR = '0';
process.env.NO_COLOR = '1';
// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// An update outside act() means a test read a frame that may not be the final one: fail loudly.
const originalError = console.error;
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && /not wrapped in act|not configured to support act/.test(args[0])) {
    throw new Error(`React act() warning: ${args[0]}`);
  }
  originalError(...args);
};
