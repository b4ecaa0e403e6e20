/**
 * Pages and components of this part of the dashboard.
 *
 * @module
 */

export {};
