// Real n8n, PostgreSQL and the sandbox: each step may take minutes on a 2-core machine.
jest.setTimeout(300000);
