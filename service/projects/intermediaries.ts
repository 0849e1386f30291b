/**
 * What the service adds from PostgreSQL before the workflow decides (issue 16): the park a
 * project is registered in, with its assessments fixed into the input (区域评估; the workflow
 * never reads the database), and the provider an enterprise selects, checked against the
 * directory (中介超市) and named in the command so the history shows who was chosen.
 */
import type { ParkRegister, ProviderDirectory } from '../../db/intermediaries';
import type { TProjectPark } from '../../workflows/engine/state';
import type { TProjectView } from '../../workflows/engine/view';
import type { TCommand } from '../../workflows/model/commands';
import { AppError } from '../errors';

/** @throws AppError VALIDATION naming parkId when the park is unknown, UNAVAILABLE without the register */
export async function projectPark(parks: ParkRegister | undefined, parkId: string | undefined): Promise<TProjectPark | undefined> {
  if (parkId === undefined) return undefined;
  if (!parks) throw new AppError('UNAVAILABLE', 'parks (PostgreSQL) are not configured');
  const park = await parks.park(parkId);
  if (!park) throw AppError.validation([{ path: 'parkId', message: 'not a registered park (GET /api/parks)' }]);
  return {
    id: park.id,
    name: park.name,
    assessments: park.assessments.map(({ id, type, scope, validFrom, validUntil }) => ({ id, type, scope, validFrom, validUntil })),
  };
}

type TSelect = Extract<TCommand, { type: 'selectIntermediary' }>;

/**
 * The selection with the provider's name from the directory.
 * @throws AppError VALIDATION naming providerId when the provider is not listed or does not offer the service's type
 */
export async function withProvider(providers: ProviderDirectory | undefined, command: TSelect, view: TProjectView): Promise<TSelect> {
  // An unknown service is the workflow's to refuse (it knows the project's services and their state).
  const service = view.intermediaries?.find((x) => x.serviceId === command.serviceId);
  if (!service) return command;
  if (!providers) throw new AppError('UNAVAILABLE', 'the intermediary directory (PostgreSQL) is not configured');
  const provider = await providers.get(command.providerId);
  if (!provider) throw AppError.validation([{ path: 'providerId', message: 'not in the intermediary directory (GET /api/providers)' }]);
  if (!provider.serviceTypes.includes(service.serviceType))
    throw AppError.validation([{ path: 'providerId', message: `${provider.name} does not offer ${service.serviceType}` }]);
  return { ...command, providerName: provider.name };
}
