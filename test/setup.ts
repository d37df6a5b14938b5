// Ink renders nothing until exit when CI is set; the suite must behave the same locally and in CI.
delete process.env.CI;
process.env.FORCE_COLOR = '0';
process.env.NO_COLOR = '1';
