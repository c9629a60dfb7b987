export * from '../../scripts/lib/terraform';
