import { PolicyRule } from '../../types';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { cloudfrontLogging } from './cloudfront-logging';
import { cloudfrontSecurityHeaders } from './cloudfront-security-headers';
import { cloudfrontTls } from './cloudfront-tls';
import { s3OriginOac } from './s3-origin-oac';
import { wafAttached } from './waf-attached';
import { wafLogging } from './waf-logging';
import { wafRegionalClientIp } from './waf-regional-client-ip';

/** What faces viewers: modern TLS, private origins, a WAF in front that judges what it can see, logs of both, security headers. */
export const EDGE_PACK: readonly PolicyRule[] = [cloudfrontTls, s3OriginOac, wafAttached, albDropInvalidHeaders, wafLogging, cloudfrontLogging, cloudfrontSecurityHeaders, wafRegionalClientIp];
