import { describe, expect, it } from 'vitest';
import { draftOf, toInput } from './DeviceForm';
import { exceptionInput } from './ExceptionForm';
import type { Device } from './types';

const device: Device = {
  id: 'd1', operatorId: 'op', assetId: 'FW-01', vendor: 'Fortinet', product: 'FortiOS', version: '7.2.4', cpe: 'cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*',
  role: 'firewall', zone: 'DMZ', internetReachable: 'yes', closedNetwork: false, installDate: '2020-04-01', lastPatched: null, endOfSupport: null, owner: null,
  serviceIds: ['s1'], matchable: true, createdAt: '', updatedAt: '', updatedBy: '',
};

describe('device form', () => {
  it('sends an unchanged device back as it was read', () => {
    expect(toInput(draftOf(device))).toEqual({
      assetId: 'FW-01', vendor: 'Fortinet', product: 'FortiOS', version: '7.2.4', cpe: device.cpe, role: 'firewall', zone: 'DMZ',
      internetReachable: 'yes', closedNetwork: false, installDate: '2020-04-01', lastPatched: null, endOfSupport: null, owner: null, serviceIds: ['s1'],
    });
  });

  it('sends blank optional texts as null (the server derives the CPE) and required ones as typed, trimmed', () => {
    const input = toInput({ ...draftOf(null), assetId: '  PLC-7 ', vendor: '', cpe: '   ', zone: ' ' });
    expect(input.assetId).toBe('PLC-7');
    expect(input.vendor).toBe('');
    expect(input.cpe).toBeNull();
    expect(input.zone).toBeNull();
    expect(input.role).toBe('other');
    expect(input.internetReachable).toBe('unknown');
  });
});

describe('exception form', () => {
  it('drops untouched control rows, keeps half-filled ones for the server to name, and sends a blank CVE as null', () => {
    const body = exceptionInput({
      deviceId: 'd1', cveId: ' ',
      controls: [{ kind: 'closed_network', description: 'closed' }, { kind: null, description: '' }, { kind: null, description: 'jump host' }],
      reason: 'r', expiresOn: '2027-01-01',
    });
    expect(body.cveId).toBeNull();
    expect(body.compensatingControls).toEqual([{ kind: 'closed_network', description: 'closed' }, { kind: '', description: 'jump host' }]);
  });

  it('sends the CVE as typed and an unchosen device as empty for the server to refuse', () => {
    const body = exceptionInput({ deviceId: null, cveId: 'CVE-2023-27997', controls: [], reason: '', expiresOn: '' });
    expect(body.deviceId).toBe('');
    expect(body.cveId).toBe('CVE-2023-27997');
  });
});
