/** The scan stage: a scan config, checkouts of its repositories, and the scan that audits and records them. */
export { loadScanConfig, defaultName, type ScanConfig, type ScanTarget } from './config.js';
export { checkout, cacheDir, CheckoutError } from './checkout.js';
export { scan, scanFailed, locationOf, type ScanOptions, type ScanResult, type ScanEvent, type RepositoryResult } from './run.js';
