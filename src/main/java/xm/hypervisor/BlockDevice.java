package xm.hypervisor;

/**
 * A virtual block device as the host reports it ({@code xm block-list}).
 *
 * @param devnum the Linux/Xen device number of the frontend (xvda1 = 51713)
 * @param spec how it was declared: backend, frontend name, mode, backend domain
 * @param state the xenbus state (4 = connected)
 * @param eventChannel the event channel of its ring
 * @param ringRef the grant reference of its ring
 * @param backendPath its backend directory in xenstore
 */
public record BlockDevice(
    int devnum, DiskSpec spec, int state, int eventChannel, int ringRef, String backendPath) {}
