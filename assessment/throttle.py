"""How often an anonymous visitor may do something, counted in the cache and never stored.

The visitor's address is the one django-axes reads for the login lockout (`PROXY_COUNT`
proxies trusted), and it is kept only as a keyed hash, as a cache key that expires.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def address_key(request: HttpRequest, what: str) -> str:
    """A cache key for `what` done from the request's address, which it does not contain."""
    address = get_client_ip_address(request) or ""
    return f"throttle:{what}:{salted_hmac('assessment.throttle', address, algorithm='sha256').hexdigest()}"


def within_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one more for `key`; False once more than `limit` were counted in `window` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
