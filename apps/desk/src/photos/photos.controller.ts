import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, DeskRequest, Public, Roles } from '../auth/auth.decorators';
import { PHOTO_TYPES, PhotosService, StoredPhoto } from './photos.service';

@ApiTags('photos')
@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Post('api/v1/photos')
  @Roles('agency', 'operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Upload one photo (raw bytes, up to 5 MB); put the returned URL into an answer' })
  @ApiErrors({ 422: 'Not a JPEG, PNG or WebP image, or not of the Content-Type it says' })
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  upload(@Req() request: DeskRequest, @CurrentPrincipal() principal: Principal): Promise<StoredPhoto> {
    return this.photos.store(request.body, request.get('content-type'), principal);
  }

  @Public()
  @Get('media/photos/:photoId')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'A published photo (public: it is shown to citizens with the answer)' })
  async read(@Param('photoId', new ParseUUIDPipe({ version: '4' })) photoId: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const photo = await this.photos.read(photoId);
    response.type(photo.contentType);
    return new StreamableFile(photo.bytes);
  }
}
