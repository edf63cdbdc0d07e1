/** freePort(): a TCP port on 127.0.0.1 that nothing listens on right now (test/helpers/free-port.js). */
export { freePort } from '../../helpers/free-port';
