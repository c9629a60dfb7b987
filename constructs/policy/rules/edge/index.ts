import { PolicyRule } from '../../types';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { cloudfrontTls } from './cloudfront-tls';
import { s3OriginOac } from './s3-origin-oac';
import { wafAttached } from './waf-attached';

/** What faces viewers: modern TLS, private origins, a WAF in front, clean headers. */
export const EDGE_PACK: readonly PolicyRule[] = [cloudfrontTls, s3OriginOac, wafAttached, albDropInvalidHeaders];
