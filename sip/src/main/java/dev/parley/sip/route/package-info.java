/**
 * Static routes of the proxy: routes by Request-URI domain or number prefix, each dispatching to a set of
 * destinations by weight with failover and health checks. The control plane holds them; the sip agent keeps a
 * preallocated table it reads per request.
 */
package dev.parley.sip.route;
