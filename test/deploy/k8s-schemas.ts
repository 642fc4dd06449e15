import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Manifest } from './manifests.js';

const SCHEMAS = join(ROOT, 'infra/k8s-schemas');
const readJson = (path: string) => JSON.parse(readFileSync(join(SCHEMAS, path), 'utf8'));

/** The vendored CRD schemas (datreeio/CRDs-catalog), by apiVersion and kind. */
const CRD_SCHEMAS: Record<string, string> = {
  'keda.sh/v1alpha1 ScaledObject': 'crds/keda.sh/scaledobject_v1alpha1.json',
  'keda.sh/v1alpha1 TriggerAuthentication': 'crds/keda.sh/triggerauthentication_v1alpha1.json',
  'kafka.strimzi.io/v1 Kafka': 'crds/kafka.strimzi.io/kafka_v1.json',
  'kafka.strimzi.io/v1 KafkaNodePool': 'crds/kafka.strimzi.io/kafkanodepool_v1.json',
  'kafka.strimzi.io/v1 KafkaTopic': 'crds/kafka.strimzi.io/kafkatopic_v1.json',
  'kafka.strimzi.io/v1 KafkaUser': 'crds/kafka.strimzi.io/kafkauser_v1.json',
  'postgresql.cnpg.io/v1 Cluster': 'crds/postgresql.cnpg.io/cluster_v1.json',
};

type Schema = Record<string, any>;
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * The Kubernetes OpenAPI definitions made strict the way kubeconform's schemas are: an object with
 * listed properties takes no others, and int-or-string / quantity take either. The file stays as vendored.
 */
function strictDefinitions(definitions: Record<string, Schema>): Record<string, Schema> {
  const strict = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strict);
    if (!node || typeof node !== 'object') return node;
    const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strict(v)]));
    if (copy.properties && copy.additionalProperties === undefined)
      copy.additionalProperties = false;
    return copy;
  };
  const out = strict(definitions) as Record<string, Schema>;
  out[INT_OR_STRING] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  out[QUANTITY] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  return out;
}

/** Validators for the core kinds (Kubernetes OpenAPI) and the operators' CRDs, by apiVersion and kind. */
export class K8sSchemas {
  // Formats (int32, date-time, ...) are not checked: types, enums, required and unknown fields are.
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  private readonly coreKinds = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const swagger = readJson('kubernetes/swagger.json') as { definitions: Record<string, Schema> };
    this.ajv.addSchema({ $id: 'k8s', definitions: strictDefinitions(swagger.definitions) });
    for (const [name, definition] of Object.entries(swagger.definitions)) {
      for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        this.coreKinds.set(`${apiVersion} ${gvk.kind}`, name);
      }
    }
  }

  /** The validator of the object's apiVersion and kind; throws for a kind no vendored schema has. */
  validatorFor(manifest: Pick<Manifest, 'apiVersion' | 'kind'>): ValidateFunction {
    const key = `${manifest.apiVersion} ${manifest.kind}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const core = this.coreKinds.get(key);
      const crd = CRD_SCHEMAS[key];
      if (core) validate = this.ajv.getSchema(`k8s#/definitions/${core}`);
      else if (crd) validate = this.ajv.compile(readJson(crd));
      if (!validate) throw new Error(`no vendored schema for ${key}`);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** 'No errors', or every schema error of the object, one a line. */
  errorsOf(manifest: Manifest): string {
    const validate = this.validatorFor(manifest);
    validate(manifest);
    return this.ajv.errorsText(validate.errors, { separator: '\n' });
  }
}
